from migctl.cli.main import main

main()
