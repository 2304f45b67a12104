"""The engine: run the selected rules over a loaded catalogue, compute readiness levels, rank next steps."""
