"""One module per question asked of the cooperation graph; each returns a DataFrame."""
