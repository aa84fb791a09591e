type: User
error: "active" is a boolean; compare it with true or false
