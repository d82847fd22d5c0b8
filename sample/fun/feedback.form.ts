import { Transform } from 'class-transformer';
import { IsIn } from 'class-validator';
import { Field, Modal } from '../../src';

/** One class builds the modal and receives the validated answers. */
@Modal({ customId: 'feedback:{topic}', title: 'Feedback' })
export class FeedbackForm {
  @Field({ label: 'What did you think?', style: 'paragraph', maxLength: 1000 })
  public text!: string;

  @Field({ label: 'Rating (1-5)', maxLength: 1 })
  @Transform(({ value }: { value: unknown }) => Number(value))
  @IsIn([1, 2, 3, 4, 5], { message: 'rating must be a whole number from 1 to 5' })
  public rating!: number;
}
