"""Identity coverage: can everyone who works on go-live day log in, to what they need, trained?"""
