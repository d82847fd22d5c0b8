import { Module } from '../../src';
import { FunCommands } from './fun.commands';

/** A feature module of commands; CommandsModule finds them through discovery. */
@Module({ providers: [FunCommands] })
export class FunModule {}
