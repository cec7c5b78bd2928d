"""Reusable widgets of the panels: the drawing sheet, images, bars, galleries, plot styling."""
