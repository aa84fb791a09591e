type: User
error: a value filter needs a complex attribute, and "title" is not one
