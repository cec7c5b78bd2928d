"""The network panels of the course: feature maps, kernels, δ heatmaps, architecture."""
