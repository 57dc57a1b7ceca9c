"""Review as the approval: GitHub pull requests, provenance and SOP timing."""
