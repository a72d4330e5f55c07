cors_origins = ["https://staging.app.example.com", "https://staging.admin.example.com"]
