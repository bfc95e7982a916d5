"""Write stage: paint a finished layout into PDF files, one per target (screen, print)."""
