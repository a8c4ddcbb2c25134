from muragat.cli import main

main()
