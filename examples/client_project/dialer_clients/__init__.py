"""Small Acefone and CallFire clients (the code under test in this example project)."""
