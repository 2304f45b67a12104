from dxready.cli import main

main()
