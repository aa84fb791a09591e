type: User
error: a user's groups can be filtered by value and display only
