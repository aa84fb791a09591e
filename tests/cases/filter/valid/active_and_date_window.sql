type: User
error: "a" is not an xsd:dateTime such as 2011-05-13T04:42:34Z (meta.lastModified)
