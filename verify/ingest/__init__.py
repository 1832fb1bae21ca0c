"""Reading what comes from outside: articles (text or HTML) and company newsroom feeds.

I/O lives here, never in `verify.core`; the service layer calls these functions and stores the results.
"""
