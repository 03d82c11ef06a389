"""Scorers of the extraction on the gold sets under ../shared."""
