from appforge.cli import main

main()
