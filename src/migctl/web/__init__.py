"""The read-only board (`migctl serve`): the store's status over HTTP for the war room."""
