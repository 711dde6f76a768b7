// The Summarizer stage; see the module's other files.
