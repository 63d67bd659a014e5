// Every workflow the worker runs is exported from here; the bundler starts from this file.
export {};
