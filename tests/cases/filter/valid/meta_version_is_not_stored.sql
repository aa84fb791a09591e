type: User
error: "meta.version" cannot be filtered; use meta.created, meta.lastModified or meta.resourceType
