// The Sender stage; see the module's other files.
