// The Renderer stage; see the module's other files.
