print("crm-auth: under construction")
