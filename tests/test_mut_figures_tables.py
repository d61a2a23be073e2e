"""Mutation-testing guards for kcdiff/figures (issue 12)."""
