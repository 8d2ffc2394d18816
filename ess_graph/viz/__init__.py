"""Styling of the graph and the self-contained pyvis HTML builder."""
