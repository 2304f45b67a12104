from dxready.entry import main

main()
