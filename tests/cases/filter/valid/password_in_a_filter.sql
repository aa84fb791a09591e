type: User
error: attribute "password" cannot be used in a filter
