from nearer.cli import main

main()
