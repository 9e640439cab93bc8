from smoke import smoke

smoke()
