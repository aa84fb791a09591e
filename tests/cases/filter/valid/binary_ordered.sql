type: User
error: gt cannot be used with "x509Certificates.value", which is binary
