"""People, their sign-in sessions, and the pairs they practise closeness in."""
