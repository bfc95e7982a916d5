"""Layout stage: resolved content in, pages of placed flowables out (nothing is drawn yet)."""
