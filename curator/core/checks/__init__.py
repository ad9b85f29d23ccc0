"""What is checked before anything is printed.

Preflight, caption checks, readiness, input
problems, the printed scope.
"""
