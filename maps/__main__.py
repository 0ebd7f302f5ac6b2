"""``python -m caspian.maps`` runs the command line."""

from caspian.maps.cli.main import main

if __name__ == "__main__":
    main()
