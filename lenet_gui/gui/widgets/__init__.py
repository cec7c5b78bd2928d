"""Small reusable widgets of the panels: the drawing sheet, pixel images, probability bars."""
