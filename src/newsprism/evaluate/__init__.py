"""Evaluation of newsprism's stages on public labelled data sets."""
