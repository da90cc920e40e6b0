package org.jetbrains.annotations;
public @interface Blocking {}
