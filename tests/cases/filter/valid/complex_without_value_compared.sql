type: User
error: "name" is a complex attribute; compare one of its sub-attributes
