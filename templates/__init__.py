"""Note and page templates shipped with vaultkit (installed as `vaultkit.templates`)."""
