cors_origins = ["https://dev.app.example.com", "https://dev.admin.example.com"]
