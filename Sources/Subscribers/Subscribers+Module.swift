// The Subscribers stage; see the module's other files.
