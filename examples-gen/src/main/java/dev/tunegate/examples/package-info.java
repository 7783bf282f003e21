/** The seeded generator of the shipped example workspaces. */
package dev.tunegate.examples;
