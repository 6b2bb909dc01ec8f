print("LoginDemo: under construction")
