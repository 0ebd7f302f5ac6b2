"""``python -m caspian.maps`` runs the command line."""

from caspian.maps.cli import main

if __name__ == "__main__":
    main()
