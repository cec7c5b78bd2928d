"""The Qt-free backprop walk: one sample's forward and backward laid out in the course's order
(walk), the terms of any entry (terms), float64 finite differences (check), the formula strings
(formulas) and their typesetting with mathtext (typeset)."""
