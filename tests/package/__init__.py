"""Tests of the fclesson package (the site's tests live in tests/site)."""
