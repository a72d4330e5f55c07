cors_origins = ["https://app.example.com", "https://admin.example.com"]
