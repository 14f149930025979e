"""The Hugging Face Hub: its client, the pull that enriches entries, the committed snapshot builds read."""
