"""Reusable widgets and drawing helpers of the panels: digit thumbnails, the image gallery
model, and the look of the evaluation plots."""
