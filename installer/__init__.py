"""Installing Kinerja on an office workstation: the offline bundle and its scripts."""
