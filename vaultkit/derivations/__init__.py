"""Built-in derivations: trusted SymPy steps attached to concept notes by name."""
